# Keeps the page lines and the text in the page margins (the built-in
# sheet's A4 page has 24mm = 68.03pt margins): the margin boxes.
/^page / { print; next }
$1 == "text" && ($3 < 68.03 || $3 > 841.89 - 68.03) { print }
