"""``sitegen serve``: the live preview. Builds through ``sitegen.build`` into the cache folder,
serves the last good site on loopback, and shows an edited article at once (``quick``).
Nothing below imports it.

By job: ``command`` (the click command), ``server`` (DevServer: its threads, its builds),
``preview`` (what is served, and the event streams waiting on it), ``httpd`` (the HTTP server),
``locate`` (what a request may reach), ``pages`` (the reload script, the error overlay),
``changes`` (what a changed file is: the one classification), ``watch`` (the observer and the
changes waiting for the builder), ``report`` (the terminal's lines), ``quick`` (the quick render).
"""
