"""Channels: each turns a contact into an arenden service call."""
