print("xm")
