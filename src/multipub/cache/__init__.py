"""What makes a rebuild cheap: content hashes of inputs and a record of the outputs.

- :mod:`.inputs`: the inputs digest, known without loading the project.
- :mod:`.build`: the localized-text cache and the output record of a build.

May import the shared modules; :mod:`.build` also the project and site models it keys.
"""
