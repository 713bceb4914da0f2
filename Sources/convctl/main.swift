print("convctl")
