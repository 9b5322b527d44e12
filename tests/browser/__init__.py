"""Browser tests: the built site in headless Chromium, from a local server and from a folder."""
