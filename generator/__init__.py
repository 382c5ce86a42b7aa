"""The Networking Playbook generator: YAML dataset in, docs tree out.

This package never imports MkDocs; `generator.mkdocs_plugin` is the one
adapter that does, so another engine can build what `render` produces.
"""

__version__ = "0.1.0"
