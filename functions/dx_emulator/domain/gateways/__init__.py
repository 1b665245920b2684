"""Direct Connect gateways (global to their account), their associations with virtual private and
transit gateways, the cross-account proposals that ask for them, and the EC2 world they refer to."""
