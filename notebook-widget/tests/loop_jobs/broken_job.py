"""A job that does not parse."""

def main(:
    pass
