print("sealbridge")
