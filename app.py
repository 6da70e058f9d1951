"""`python app.py` (what `make run` starts): the web chat on http://127.0.0.1:7860.

The same as `assistant serve`: builds index/ from seeds/ first when it is missing or stale. Options: --host,
--port (or GRADIO_SERVER_PORT), --index DIR, --share (off unless asked). Basic auth when
ASSISTANT_AUTH_USER and ASSISTANT_AUTH_PASSWORD are set.
"""

import sys

from assistant.interfaces.cli import main

if __name__ == "__main__":
    sys.exit(main(["serve", *sys.argv[1:]]))
