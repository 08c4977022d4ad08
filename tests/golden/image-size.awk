# Keeps the page lines and the images (x y width height path).
/^page / || $1 == "image" { print }
