"""E-tjänst: submissions from an e-service platform, the public contact form, the status page."""
