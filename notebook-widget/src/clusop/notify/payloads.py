"""The bodies posted for one ranked signal. The core words every sentence (its ``message``) and
decides every figure; these functions only place them."""

from __future__ import annotations

from typing import Any, Dict

CARD_SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
WEBHOOK_SCHEMA = "clusop.notification/1"

# fact titles on the card, in order, for the core's message fields
_FACTS = (("What fell back", "what"), ("Where", "where"), ("Dollars", "dollars"), ("Confidence", "confidence"))


def _message(signal: Dict[str, Any]) -> Dict[str, str]:
    message = signal.get("message")
    if not isinstance(message, dict) or not isinstance(message.get("title"), str):
        raise ValueError("a ranked signal of clusop.signals/1 (op rank) was expected: it has no message.title")
    return message


def teams_card(signal: Dict[str, Any]) -> Dict[str, Any]:
    """A Teams message holding one Adaptive Card (the shape Teams' incoming webhooks and Workflows take)."""
    m = _message(signal)
    body = [
        {"type": "TextBlock", "text": m["title"], "weight": "Bolder", "size": "Medium", "wrap": True},
        {"type": "FactSet", "facts": [{"title": t, "value": str(m.get(k, ""))} for t, k in _FACTS]},
        {"type": "TextBlock", "text": "Fix", "weight": "Bolder", "wrap": True, "spacing": "Medium"},
        {"type": "TextBlock", "text": str(m.get("fix", "")), "wrap": True},
        {"type": "FactSet", "facts": [{"title": "Signature", "value": str(signal.get("signature", ""))},
                                      {"title": "Workspace", "value": str(signal.get("workspace_id", ""))}]},
    ]
    card = {"$schema": CARD_SCHEMA, "type": "AdaptiveCard", "version": "1.4", "body": body}
    return {"type": "message",
            "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": None, "content": card}]}


def webhook_body(signal: Dict[str, Any], key: str) -> Dict[str, Any]:
    """A generic JSON body: the core's figures and sentences as they are, and the delivery key so a
    receiver can drop a repeat of a delivery whose answer was lost."""
    m = _message(signal)
    return {
        "schema": WEBHOOK_SCHEMA,
        "delivery_key": key,
        "record_key": signal.get("record_key"),
        "workspace_id": signal.get("workspace_id"),
        "signature": signal.get("signature"),
        "cause": signal.get("cause"),
        "occurrences": signal.get("occurrences"),
        "waste_usd_per_month": signal.get("waste_usd_per_month"),
        "basis": signal.get("basis"),
        "confidence": signal.get("confidence"),
        "priority": signal.get("priority"),
        "message": {k: m.get(k) for k in ("title", "what", "where", "dollars", "confidence", "fix")},
    }
