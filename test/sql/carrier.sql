-- energy.carrier: type I/O, binary I/O, ordering, hashing, indexing, errors.
\set SHOW_CONTEXT never

-- Canonical output of a few spellings, including case, width and spacing.
SELECT s AS spelling, s::energy.carrier AS carrier
  FROM (VALUES ('electricity'), ('电力'), ('电'), ('ELECTRICITY'), ('Natural Gas'), ('natural-gas'),
               ('ｄｉｅｓｅｌ'), ('ＬＰＧ'), ('　柴油　'), (' 煤炭 '), ('光伏发电'), ('其他能源')) v(s);

-- Every carrier once, in the order of the statistics forms (the sort order).
SELECT carrier, name_zh, is_energy, base_unit, unit_groups FROM energy.carriers ORDER BY carrier;

-- Bad input: 22P02, the text quoted, a hint.
SELECT 'electrcity'::energy.carrier;
SELECT ''::energy.carrier;
SELECT '电力电力'::energy.carrier;

-- NULL in, NULL out.
SELECT NULL::energy.carrier IS NULL AS is_null;

-- Comparison operators follow the form order: electricity < water < raw_coal.
SELECT 'electricity'::energy.carrier < 'water' AS lt, 'water'::energy.carrier <= 'water' AS le,
       'diesel'::energy.carrier > 'gasoline' AS gt, 'heat'::energy.carrier >= 'other' AS ge,
       '电力'::energy.carrier = 'electricity' AS eq, 'pv'::energy.carrier <> 'electricity' AS ne;

-- A table of rows, grouped by hash and by sort, joined by hash and merge, indexed.
CREATE TEMP TABLE r (carrier energy.carrier, amount float8);
INSERT INTO r SELECT (ARRAY['electricity','water','diesel','natural_gas','heat'])[1 + i % 5]::energy.carrier, i
  FROM generate_series(1, 1000) i;
SET enable_sort = off;
SELECT carrier, count(*), sum(amount) FROM r GROUP BY carrier ORDER BY carrier;
RESET enable_sort;
SET enable_hashagg = off;
SELECT carrier, count(*), sum(amount) FROM r GROUP BY carrier ORDER BY carrier;
RESET enable_hashagg;
CREATE TEMP TABLE names AS SELECT carrier, name_zh FROM energy.carriers;
SET enable_mergejoin = off; SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT n.name_zh, count(*) FROM r JOIN names n USING (carrier) GROUP BY 1;
SELECT n.name_zh, count(*) FROM r JOIN names n USING (carrier) GROUP BY 1 ORDER BY 1;
RESET enable_mergejoin; SET enable_hashjoin = off;
SELECT n.name_zh, count(*) FROM r JOIN names n USING (carrier) GROUP BY 1 ORDER BY 1;
RESET enable_hashjoin; RESET enable_nestloop;
CREATE INDEX ON r (carrier);
CREATE INDEX ON r USING hash (carrier);
ANALYZE r;
SET enable_seqscan = off;
SELECT count(*) FROM r WHERE carrier = 'diesel';
SELECT count(*) FROM r WHERE carrier < 'raw_coal';
RESET enable_seqscan;
-- Hash partitioning uses the extended hash function.
CREATE TEMP TABLE hp (carrier energy.carrier) PARTITION BY HASH (carrier);
CREATE TEMP TABLE hp0 PARTITION OF hp FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TEMP TABLE hp1 PARTITION OF hp FOR VALUES WITH (MODULUS 2, REMAINDER 1);
INSERT INTO hp SELECT carrier FROM energy.carriers;
SELECT count(*) FROM hp;

-- One byte on disk.
SELECT typlen, typbyval, typalign FROM pg_type WHERE oid = 'energy.carrier'::regtype;
SELECT pg_column_size('diesel'::energy.carrier) AS bytes;

-- Binary output is the canonical code; binary COPY round-trips every carrier.
SELECT encode(energy.carrier_send('natural_gas'), 'escape') AS sent;
CREATE TEMP TABLE bin_out AS SELECT carrier FROM energy.carriers;
COPY bin_out TO '/tmp/energy_ext_carrier_test.bin' WITH (FORMAT binary);
CREATE TEMP TABLE bin_in (carrier energy.carrier);
COPY bin_in FROM '/tmp/energy_ext_carrier_test.bin' WITH (FORMAT binary);
SELECT count(*) AS copied, count(*) FILTER (WHERE a.carrier = b.carrier) AS same
  FROM (SELECT carrier, row_number() OVER () FROM bin_out) a
  JOIN (SELECT carrier, row_number() OVER () FROM bin_in) b USING (row_number);

-- Casts to and from text go through the I/O functions.
SELECT 'heat'::energy.carrier::text AS as_text, '热力'::text::energy.carrier AS from_text;

-- Every accepted spelling, by hand (a new spelling in carrier.c needs a line
-- here): lists what the type accepts but this table lacks, what this table
-- has but the type does not list, and any spelling that parses differently.
WITH hand(spelling, code) AS (VALUES
  ('electricity','electricity'),('电力','electricity'),('电','electricity'),('用电','electricity'),
  ('电能','electricity'),('外购电力','electricity'),('power','electricity'),
  ('water','water'),('水','water'),('用水','water'),('自来水','water'),
  ('raw_coal','raw_coal'),('原煤','raw_coal'),('煤炭','raw_coal'),('煤','raw_coal'),('coal','raw_coal'),
  ('washed_coal','washed_coal'),('洗精煤','washed_coal'),('精煤','washed_coal'),
  ('middlings','middlings'),('洗中煤','middlings'),('中煤','middlings'),
  ('briquette','briquette'),('型煤','briquette'),('煤球','briquette'),('煤饼','briquette'),
  ('coke','coke'),('焦炭','coke'),('焦','coke'),
  ('crude_oil','crude_oil'),('原油','crude_oil'),('crude','crude_oil'),
  ('fuel_oil','fuel_oil'),('燃料油','fuel_oil'),('重油','fuel_oil'),('heavy_oil','fuel_oil'),
  ('gasoline','gasoline'),('汽油','gasoline'),('petrol','gasoline'),
  ('kerosene','kerosene'),('煤油','kerosene'),('航空煤油','kerosene'),('jet_fuel','kerosene'),
  ('diesel','diesel'),('柴油','diesel'),('diesel_oil','diesel'),('gasoil','diesel'),
  ('lpg','lpg'),('液化石油气','lpg'),('液化气','lpg'),('liquefied_petroleum_gas','lpg'),
  ('refinery_gas','refinery_gas'),('炼厂干气','refinery_gas'),('干气','refinery_gas'),
  ('natural_gas','natural_gas'),('天然气','natural_gas'),('气田天然气','natural_gas'),
  ('管道天然气','natural_gas'),('ng','natural_gas'),
  ('oilfield_gas','oilfield_gas'),('油田天然气','oilfield_gas'),('油田气','oilfield_gas'),('associated_gas','oilfield_gas'),
  ('coke_oven_gas','coke_oven_gas'),('焦炉煤气','coke_oven_gas'),('焦炉气','coke_oven_gas'),
  ('blast_furnace_gas','blast_furnace_gas'),('高炉煤气','blast_furnace_gas'),('高炉气','blast_furnace_gas'),
  ('manufactured_gas','manufactured_gas'),('人工煤气','manufactured_gas'),('煤气','manufactured_gas'),('town_gas','manufactured_gas'),
  ('heat','heat'),('热力','heat'),('热','heat'),('热量','heat'),('外购热力','heat'),('供热','heat'),
  ('steam','steam'),('蒸汽','steam'),('低压蒸汽','steam'),('外购蒸汽','steam'),
  ('pv','pv'),('光伏发电','pv'),('光伏','pv'),('光伏发电量','pv'),('太阳能光电系统发电量','pv'),
  ('太阳能光伏发电','pv'),('solar_pv','pv'),('photovoltaic','pv'),
  ('other','other'),('其他能源','other'),('其他','other'),('其它能源','other'),('其它','other'),('other_energy','other'),
  ('green_electricity','green_electricity'),('绿电','green_electricity'),('绿色电力','green_electricity'),
  ('绿电交易电量','green_electricity'),('green_power','green_electricity')
), listed AS (
  SELECT carrier::text AS code, unnest(spellings) AS spelling FROM energy.carriers
)
SELECT coalesce(h.spelling, l.spelling) AS spelling, h.code AS hand, l.code AS listed,
       coalesce(h.spelling, l.spelling)::energy.carrier::text AS parsed
  FROM hand h FULL JOIN listed l ON l.spelling = h.spelling
 WHERE h.spelling IS NULL OR l.spelling IS NULL OR h.code <> l.code
    OR coalesce(h.spelling, l.spelling)::energy.carrier::text <> h.code;
SELECT count(*) AS spellings, count(DISTINCT carrier) AS carriers
  FROM energy.carriers, unnest(spellings);
