# Sourced by bench/run.sh and bench/instructions.sh: the wrk Lua scripts of the benches, in the current directory.
#   write_wrk_scripts TOKEN CLIENT_ID → auth.lua (GET with the bearer token) and post.lua (POST of one full
#   assessment of CLIENT_ID, the body from bench/seed.py, as the Django peer posts it).
write_wrk_scripts() {
  printf 'wrk.headers["Authorization"] = "Bearer %s"\n' "$1" >auth.lua
  python3 "$HERE/seed.py" --assessment-body "$2" >assessment.json
  cat >post.lua <<LUA
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer $1"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("$(pwd)/assessment.json")
wrk.body = f:read("*a")
f:close()
LUA
}
