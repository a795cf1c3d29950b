SELECT c.id, SUM(o.total)
  FROM customers c
  JOIN orders o ON o.cid = c.id
 WHERE o.day >= DATE '2026-01-01'
 GROUP BY c.id
