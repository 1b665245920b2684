"""The dashboard's static page."""
