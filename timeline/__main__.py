try:
    from timeline.launch import main
except KeyboardInterrupt:  # a Ctrl-C in the first instant, before the entry point can hold it back
    import sys

    sys.stderr.write("Interrupted.\n")
    sys.exit(130)

main()
