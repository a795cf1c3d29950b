"""clusop's runtime in a Spark driver: the autoload (bootstrap) and the JVM bridge (jvm).

Kept free of imports so that the autoload costs nothing where no Spark is used."""
