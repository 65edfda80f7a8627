// Tests for web-errors.yaml.
const express = require('express');
const app = express();

app.get('/a', async (req, res) => {
  try {
    res.json(await load(req.params.id));
  } catch (err) {
    // ruleid: js.web.error-details-exposed
    res.status(500).send(err.stack);
  }
});

app.use((err, req, res, next) => {
  // ruleid: js.web.error-details-exposed
  res.status(500).json({ message: err.message, stack: err.stack });
});

app.post('/b', (req, res) => {
  save(req.body)
    .then((o) => res.json(o))
    // ruleid: js.web.error-details-exposed
    .catch((error) => res.status(500).send(error));
});

app.post('/c', async (req, res) => {
  try {
    await save(req.body);
  } catch (e) {
    // ruleid: js.web.error-details-exposed
    res.json({ ok: false, error: e });
  }
});

async function koaErrors(ctx, next) {
  try {
    await next();
  } catch (e) {
    ctx.status = 500;
    // ruleid: js.web.error-details-exposed
    ctx.body = { error: e.stack };
  }
}

app.get('/d', async (req, res) => {
  try {
    res.json(await load(req.params.id));
  } catch (err) {
    console.error(err.stack);
    // ok: js.web.error-details-exposed
    res.status(500).send('Internal error');
  }
});

app.use((err, req, res, next) => {
  if (process.env.NODE_ENV !== 'production') {
    // ok: js.web.error-details-exposed
    return res.status(500).send(err.stack);
  }
  // ok: js.web.error-details-exposed
  res.status(500).json({ message: 'Something went wrong' });
});

app.get('/e', async (req, res) => {
  try {
    res.json(await load(req.params.id));
  } catch (err) {
    // ok: js.web.error-details-exposed
    res.status(500).json({ message: err.message });
  }
});

function stacks(res, state) {
  // ok: js.web.error-details-exposed
  res.json({ depth: state.stack.length });
}

async function koaSafe(ctx, next) {
  try {
    await next();
  } catch (e) {
    ctx.app.emit('error', e, ctx);
    // ok: js.web.error-details-exposed
    ctx.body = { error: 'internal' };
  }
}

function logOnly(logger) {
  try {
    run();
  } catch (err) {
    // ok: js.web.error-details-exposed
    logger.write(err.stack);
  }
}
module.exports = { koaErrors, stacks, koaSafe, logOnly };
