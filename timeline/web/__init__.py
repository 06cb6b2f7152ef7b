"""The web view: the events on a zoomable timeline in a browser, served by ``timeline serve``
(:mod:`timeline.web.server`) or written as one self-contained file by ``timeline events --format html``
(:mod:`timeline.web.page`). The page is static HTML; the data rides in it as JSON and the script builds
every element from it with ``textContent``, so no article text is ever parsed as HTML."""
