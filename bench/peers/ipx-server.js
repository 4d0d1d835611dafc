// HTTP peer: ipx (unjs, sharp-based) serving a folder of images, as `ipx serve --dir DIR` does, but
// through ipx's documented node API on a plain node:http server: bound to 127.0.0.1 on exactly the port
// given (the CLI's listener would move to another port if that one were taken). Defaults otherwise.
// Usage (bench/run sets NODE_PATH to bench/.peers/node/node_modules): node ipx-server.js DIR PORT
'use strict';
const http = require('http');
const { createIPX, ipxFSStorage, createIPXNodeServer } = require('ipx');

const [dir, port] = process.argv.slice(2);
const ipx = createIPX({ storage: ipxFSStorage({ dir }) });
http.createServer(createIPXNodeServer(ipx)).listen(Number(port), '127.0.0.1', () => {
  console.log(`ipx listening on http://127.0.0.1:${port}, serving ${dir}`);
});
