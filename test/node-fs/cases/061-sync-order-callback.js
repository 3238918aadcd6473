const order = [];
await new Promise((resolve) => {
  fs.writeFile('f', 'x', () => { order.push('write done'); resolve(); });
  order.push('sync after');
});
await new Promise((resolve) => {
  fs.stat('f', () => { order.push('stat'); resolve(); });
  order.push('sync after stat');
});
log(order);
