"""Reading inputs and writing outputs: safe names under an output directory."""
