"""Writers: the offline deterministic writer and the OpenAI-compatible model writer, behind one protocol."""
