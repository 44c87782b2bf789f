// cryptotopcard-capi: being written (see the component's issue).
