"""The e-post channel: funktionsbrevlådor in over IMAP, replies out over SMTP."""
