// cryptotopcard-node: being written (see the component's issue).
