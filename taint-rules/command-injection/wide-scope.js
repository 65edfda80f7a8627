// Tests for command-injection.yaml in a scope of many bindings: past 64
// the taint engine looks names up through a hash index (scanner/taint/env.c).
// The innermost binding must still win, and a block's bindings end with it.
const express = require('express');
const { exec } = require('child_process');

const app = express();

app.get('/wide', (req, res) => {
  let v0 = 0;
  let v1 = 1;
  let v2 = 2;
  let v3 = 3;
  let v4 = 4;
  let v5 = 5;
  let v6 = 6;
  let v7 = 7;
  let v8 = 8;
  let v9 = 9;
  let v10 = 10;
  let v11 = 11;
  let v12 = 12;
  let v13 = 13;
  let v14 = 14;
  let v15 = 15;
  let v16 = 16;
  let v17 = 17;
  let v18 = 18;
  let v19 = 19;
  let v20 = 20;
  let v21 = 21;
  let v22 = 22;
  let v23 = 23;
  let v24 = 24;
  let v25 = 25;
  let v26 = 26;
  let v27 = 27;
  let v28 = 28;
  let v29 = 29;
  let v30 = 30;
  let v31 = 31;
  let v32 = 32;
  let v33 = 33;
  let v34 = 34;
  let v35 = 35;
  let v36 = 36;
  let v37 = 37;
  let v38 = 38;
  let v39 = 39;
  let v40 = 40;
  let v41 = 41;
  let v42 = 42;
  let v43 = 43;
  let v44 = 44;
  let v45 = 45;
  let v46 = 46;
  let v47 = 47;
  let v48 = 48;
  let v49 = 49;
  let v50 = 50;
  let v51 = 51;
  let v52 = 52;
  let v53 = 53;
  let v54 = 54;
  let v55 = 55;
  let v56 = 56;
  let v57 = 57;
  let v58 = 58;
  let v59 = 59;
  let v60 = 60;
  let v61 = 61;
  let v62 = 62;
  let v63 = 63;
  let v64 = 64;
  let v65 = 65;
  let v66 = 66;
  let v67 = 67;
  let v68 = 68;
  let v69 = 69;
  let v70 = 70;
  let v71 = 71;
  let v72 = 72;
  let v73 = 73;
  let v74 = 74;
  let v75 = 75;
  let v76 = 76;
  let v77 = 77;
  let v78 = 78;
  let v79 = 79;
  let cmd = 'ls';
  {
    const cmd = req.query.cmd;
    // ruleid: js.taint.command-injection
    exec(cmd);
  }
  // ok: js.taint.command-injection
  exec(cmd);
  {
    const cmd = 'pwd';
    // ok: js.taint.command-injection
    exec(cmd);
  }
  let tool = 'date';
  {
    let tool = 'uptime';
    tool = req.query.tool;
  }
  // ok: js.taint.command-injection
  exec(tool);
  tool = req.query.tool;
  // ruleid: js.taint.command-injection
  exec(tool);
  res.send(String(v0 + v79));
});
