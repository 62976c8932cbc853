"""Last: the server behind all the browser tests logged no unhandled error and is still up."""

import re


def test_server_log_clean(server):
    assert server.process.poll() is None, "trajet serve died during the browser tests:\n" + server.log_text()[-3000:]
    bad = [line for line in server.log_text().splitlines()
           if re.search(r"unhandled error|Fatal error|web page failed|\[ERROR\]|\berror\b.*level", line, re.I)]
    assert not bad, "the server logged errors during the browser tests:\n" + "\n".join(bad[:20])
