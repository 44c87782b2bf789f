"""Receive webhook deliveries on a local HTTP server and verify them with construct_event."""

import http.server
import queue
import threading

import cryptotopcard
from cryptotopcard import CardCreatedEvent, Client

inbox: "queue.Queue[tuple[str, bytes]]" = queue.Queue()


class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        inbox.put((self.headers.get("X-CTC-Signature") or "", body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/hooks"  # the sandbox accepts loopback http
    with Client() as client:
        endpoint = client.webhooks.create(url=url, events=["card.created"])
        print("endpoint", endpoint)  # the secret is never printed
        card = client.cards.create(bin_id="491653", amount=10)
        signature, body = inbox.get(timeout=30)
        try:
            event = cryptotopcard.construct_event(body, signature, endpoint.secret)
        except cryptotopcard.WebhookVerificationError as e:
            raise SystemExit(f"rejected: {e}") from None
        assert isinstance(event, CardCreatedEvent)
        print("verified", event.type, event.id, "for", event.data.id, event.data.id == card.id)
        client.webhooks.delete(endpoint.id)
    server.shutdown()


if __name__ == "__main__":
    main()
