"""The HTTP layer: a FastAPI app over the same services as the terminal (``create_app``)."""
