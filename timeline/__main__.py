from timeline.launch import main

main()
