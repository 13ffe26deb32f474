"""Makes thumbnails of new photos."""
import requests

CONTAINER_URL = "https://contosophotos.blob.core.windows.net/thumbs?sv=2022-11-02&sr=c&sp=rwdl&se=2051-01-01T00:00:00Z&spr=https&sig=SO%2FoStY9XaBmQ%2Bf0HQQACOCOgltoDDi3uREPr9jm1b8%3D"


def save(name: str, data: bytes) -> None:
    url = CONTAINER_URL.replace("?", f"/{name}?", 1)
    requests.put(url, data=data, headers={"x-ms-blob-type": "BlockBlob"}, timeout=30)
