// cryptotopcard-mobile: being written (see the component's issue).
