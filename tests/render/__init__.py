"""Tests of sitegen/render/: the layouts' HTML, the feeds, the sitemaps and robots.txt."""
