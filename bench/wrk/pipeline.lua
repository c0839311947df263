-- wrk script: every request slot sends DEPTH HTTP/1.1 requests in one write (HTTP pipelining), as in
-- TechEmpower's plaintext test. Usage: wrk -s pipeline.lua URL -- DEPTH   (default 16)
local depth = 16
local batch

function init(args)
    depth = tonumber(args[1]) or depth
    local one = wrk.format(nil)
    batch = string.rep(one, depth)
end

function request()
    return batch
end
