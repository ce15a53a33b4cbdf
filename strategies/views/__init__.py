"""Pages of the register of governing documents, one module per subject."""
