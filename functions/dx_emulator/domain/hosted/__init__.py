"""What one account provisions for another: hosted virtual interfaces (a connection owner allocates,
the owner account confirms), hosted connections on a partner's interconnects and LAGs, the partners
themselves and their customers' agreements."""
