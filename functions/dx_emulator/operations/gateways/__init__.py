"""The Direct Connect gateway operations: gateways and their attachments, associations, proposals,
virtual gateways; with the lookups and views they share."""
