"""clusop.notify: a Teams Adaptive Card and a generic JSON webhook per signal that passes the core's
gate, posted to real HTTP servers on 127.0.0.1 (Teams itself is a boundary we cannot reach here:
the card's shape is checked, not Teams' rendering). Retries are driven by an injected sleeper that
records the backoff instead of waiting, so no test depends on time.

The ranked signals are the core's own answers (tests/signals/cases/*.expected.json, produced by
clusop_signals and checked by ctest), and _core.signals must answer the same bytes' meaning."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict, Iterator, List

import pytest

from clusop.notify import Destination, deliver, delivery_key, teams_card

REPO = Path(__file__).resolve().parents[2]
CASES = REPO / "tests" / "signals" / "cases"


def ranked(case: str) -> List[Dict]:
    return json.loads((CASES / f"{case}.expected.json").read_text())["signals"]


class MemoryLedger:
    def __init__(self):
        self.sent: List[str] = []

    def already_sent(self, key: str) -> bool:
        return key in self.sent

    def record_sent(self, key: str) -> None:
        self.sent.append(key)


class Receiver:
    """An HTTP server answering each POST with the next status of `script` (then 200), keeping
    every body it got."""

    def __init__(self, script: List[int]):
        self.script = list(script)
        self.bodies: List[dict] = []
        self.headers: List[dict] = []
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with receiver.lock:
                    status = receiver.script.pop(0) if receiver.script else 200
                    receiver.bodies.append({"status": status, "json": json.loads(body)})
                    receiver.headers.append(dict(self.headers))
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def accepted(self) -> List[dict]:
        return [b["json"] for b in self.bodies if 200 <= b["status"] < 300]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver_factory() -> Iterator:
    made: List[Receiver] = []

    def make(script=()):
        r = Receiver(list(script))
        made.append(r)
        return r

    yield make
    for r in made:
        r.close()


def passing_signal() -> Dict:
    signals = [s for s in ranked("rank_billed_outranks_modeled") if s["verdict"]["notify"]]
    assert signals and signals[0]["basis"] == "billed", "the case's first signal is billed and passes the gate"
    return signals[0]


def test_core_answers_the_cases_through_the_extension():
    from clusop import _core
    for case in ("rank_billed_outranks_modeled", "merge_next_flush_replaces", "reconcile_billed", "error_unknown_op"):
        request = (CASES / f"{case}.request.json").read_text()
        want = json.loads((CASES / f"{case}.expected.json").read_text())
        assert json.loads(_core.signals(request)) == want, case


def test_teams_card_carries_the_cores_words(receiver_factory):
    signal = passing_signal()
    server = receiver_factory()
    ledger = MemoryLedger()
    result = deliver(json.dumps(signal), Destination("teams", server.url, name="data-eng"), ledger)
    assert result.outcome == "sent" and result.attempts == 1
    [posted] = server.accepted()
    assert posted["type"] == "message"
    [attachment] = posted["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert card["type"] == "AdaptiveCard" and card["version"] == "1.4"
    texts = [b.get("text") for b in card["body"] if b["type"] == "TextBlock"]
    facts = {f["title"]: f["value"] for b in card["body"] if b["type"] == "FactSet" for f in b["facts"]}
    m = signal["message"]
    assert texts[0] == m["title"] and m["fix"] in texts
    assert facts["What fell back"] == m["what"] and facts["Where"] == m["where"]
    assert facts["Dollars"] == m["dollars"] and "billed" in facts["Dollars"]
    assert facts["Confidence"] == m["confidence"] and facts["Signature"] == signal["signature"]
    assert ledger.sent == [result.key]


def test_webhook_body_is_the_cores_figures(receiver_factory):
    signal = passing_signal()
    server = receiver_factory()
    result = deliver(signal, Destination("webhook", server.url, headers={"Authorization": "Bearer t"}), MemoryLedger())
    assert result.outcome == "sent"
    [posted] = server.accepted()
    for k in ("record_key", "signature", "waste_usd_per_month", "basis", "confidence", "priority", "occurrences"):
        assert posted[k] == signal[k], k
    assert posted["message"] == signal["message"]
    assert posted["delivery_key"] == result.key
    assert server.headers[0]["Idempotency-Key"] == result.key and server.headers[0]["Authorization"] == "Bearer t"


def test_fails_twice_then_accepts_delivers_once_with_backoff(receiver_factory):
    signal = passing_signal()
    server = receiver_factory([503, 500])
    waits: List[float] = []
    ledger = MemoryLedger()
    dest = Destination("webhook", server.url)
    result = deliver(signal, dest, ledger, backoff_seconds=0.5, sleep=waits.append)
    assert result.outcome == "sent" and result.attempts == 3 and result.status == 200
    assert waits == [0.5, 1.0]  # exponential backoff, decided without waiting
    assert [b["status"] for b in server.bodies] == [503, 500, 200]
    assert len(server.accepted()) == 1
    again = deliver(signal, dest, ledger, sleep=waits.append)  # the next round of the service
    assert again.outcome == "already_sent" and again.attempts == 0
    assert len(server.bodies) == 3 and ledger.sent == [result.key]


def test_a_final_refusal_is_not_retried_nor_recorded(receiver_factory):
    server = receiver_factory([400])
    ledger = MemoryLedger()
    result = deliver(passing_signal(), Destination("teams", server.url), ledger, sleep=lambda s: pytest.fail("slept"))
    assert result.outcome == "failed" and result.attempts == 1 and result.status == 400
    assert ledger.sent == []


def test_unreachable_destination_gives_up_after_the_attempts():
    import socket
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    waits: List[float] = []
    ledger = MemoryLedger()
    result = deliver(passing_signal(), Destination("webhook", f"http://127.0.0.1:{port}/x"), ledger,
                     attempts=3, backoff_seconds=2, max_backoff_seconds=3, sleep=waits.append)
    assert result.outcome == "failed" and result.attempts == 3 and len(result.errors) == 3
    assert waits == [2, 3]
    assert ledger.sent == []


def test_suppressed_signals_are_not_posted(receiver_factory):
    server = receiver_factory()
    held = [s for s in ranked("rank_policy_mute_cooldown") if not s["verdict"]["notify"]]
    assert {r["code"] for s in held for r in s["verdict"]["reasons"]} >= {"muted", "cooldown"}
    for s in held:
        result = deliver(s, Destination("webhook", server.url), MemoryLedger())
        assert result.outcome == "suppressed"
        assert result.errors == [r["message"] for r in s["verdict"]["reasons"]]
    assert server.bodies == []


def test_concurrent_deliveries_of_one_key_post_once(receiver_factory):
    server = receiver_factory()
    ledger = MemoryLedger()
    signal = passing_signal()
    dest = Destination("webhook", server.url)
    start = threading.Barrier(8)
    results = []

    def go():
        start.wait()
        results.append(deliver(signal, dest, ledger))

    threads = [threading.Thread(target=go) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r.outcome for r in results) == ["already_sent"] * 7 + ["sent"]
    assert len(server.accepted()) == 1


def test_keys_differ_per_destination_and_signal_state():
    signal = passing_signal()
    a, b = Destination("teams", "https://example.invalid/a"), Destination("webhook", "https://example.invalid/a")
    assert delivery_key(signal, a) != delivery_key(signal, b)
    later = dict(signal, last_seen="2026-12-01T00:00:00.000Z")
    assert delivery_key(later, a) != delivery_key(signal, a)


def test_bad_inputs_are_named():
    with pytest.raises(ValueError, match="kind must be one of"):
        Destination("slack", "https://example.invalid/")
    with pytest.raises(ValueError, match="http"):
        Destination("teams", "file:///etc/passwd")
    with pytest.raises(ValueError, match="record_key"):
        deliver("{}", Destination("teams", "https://example.invalid/"), MemoryLedger())
    with pytest.raises(ValueError, match="message.title"):
        teams_card({"record_key": "k"})
