"""The hosted operations: VIFs a connection owner allocates to another account and that account
confirms; hosted connections partners allocate on their interconnects and LAGs; customer metadata."""
