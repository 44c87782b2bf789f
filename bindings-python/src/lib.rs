// cryptotopcard-python: being written (see the component's issue).
