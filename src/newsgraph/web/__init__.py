"""The web page and the HTTP API (``newsgraph serve``): :func:`newsgraph.web.app.create_app`."""
