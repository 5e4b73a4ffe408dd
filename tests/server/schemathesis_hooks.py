"""Schemathesis hooks for .ci/run: send a JSON Lines batch (``application/x-ndjson``) as the text it is.

Not a test module. Schemathesis has no serializer for JSON Lines; the batch body is
documented as a string (the lines), so the plain-text serializer sends it unchanged.
"""

from __future__ import annotations

import schemathesis

schemathesis.serializer.alias("application/x-ndjson", "text/plain")
