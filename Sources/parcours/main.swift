print("parcours")
