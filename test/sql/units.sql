-- Units: every unit of every group converted, every spelling accepted, errors.
\set ECHO none
\set QUIET 1
\pset format unaligned
\pset tuples_only true
\pset pager off
BEGIN;
SELECT * FROM no_plan();

-- Every unit against its definition (1 t = 1 000 kg, 1 GJ = 1 000 MJ, ...).
SELECT results_eq(
  $$SELECT c, a, f, t, energy.convert_unit(c::energy.carrier, a, f, t) FROM (VALUES
    ('electricity', 1::float8, '万kWh', 'kWh'), ('electricity', 1, 'MWh', 'kWh'),
    ('electricity', 2500, 'kWh', 'MWh'), ('electricity', 1, 'GWh', 'MWh'),
    ('electricity', 1, '亿kWh', '万kWh'), ('pv', 3, 'MWh', 'kWh'),
    ('raw_coal', 1, 't', 'kg'), ('raw_coal', 500, 'kg', 't'), ('coke', 1, '万t', 't'),
    ('steam', 2.5, 't', 'kg'),
    ('diesel', 1, 'm³', 'L'), ('diesel', 1, 'kL', 'L'), ('diesel', 250, 'L', 'kL'),
    ('natural_gas', 1, '万m³', 'm³'), ('natural_gas', 1, '亿m³', '万m³'), ('natural_gas', 5000, 'm³', '万m³'),
    ('water', 1, '万m³', 'm³'), ('water', 1000, 'L', 'm³'), ('water', 3, 't', 'm³'), ('water', 2, '万t', 'm³'),
    ('heat', 1, 'GJ', 'MJ'), ('heat', 1, 'TJ', 'GJ'), ('heat', 1000, 'kJ', 'MJ'),
    ('heat', 1, 'kWh', 'MJ'), ('heat', 1, 'MWh', 'GJ'), ('heat', 1, 'Gcal', 'GJ'), ('heat', 1, 'GJ', 'kWh'),
    ('other', 1, 'tce', 'kgce'), ('other', 1, '万tce', 'tce')) v(c, a, f, t)$$,
  $$VALUES
    ('electricity', 1::float8, '万kWh', 'kWh', 10000::float8), ('electricity', 1, 'MWh', 'kWh', 1000),
    ('electricity', 2500, 'kWh', 'MWh', 2.5), ('electricity', 1, 'GWh', 'MWh', 1000),
    ('electricity', 1, '亿kWh', '万kWh', 10000), ('pv', 3, 'MWh', 'kWh', 3000),
    ('raw_coal', 1, 't', 'kg', 1000), ('raw_coal', 500, 'kg', 't', 0.5), ('coke', 1, '万t', 't', 10000),
    ('steam', 2.5, 't', 'kg', 2500),
    ('diesel', 1, 'm³', 'L', 1000), ('diesel', 1, 'kL', 'L', 1000), ('diesel', 250, 'L', 'kL', 0.25),
    ('natural_gas', 1, '万m³', 'm³', 10000), ('natural_gas', 1, '亿m³', '万m³', 10000), ('natural_gas', 5000, 'm³', '万m³', 0.5),
    ('water', 1, '万m³', 'm³', 10000), ('water', 1000, 'L', 'm³', 1), ('water', 3, 't', 'm³', 3), ('water', 2, '万t', 'm³', 20000),
    ('heat', 1, 'GJ', 'MJ', 1000), ('heat', 1, 'TJ', 'GJ', 1000), ('heat', 1000, 'kJ', 'MJ', 1),
    ('heat', 1, 'kWh', 'MJ', 3.6), ('heat', 1, 'MWh', 'GJ', 3.6), ('heat', 1, 'Gcal', 'GJ', 4.1868),
    ('heat', 1, 'GJ', 'kWh', 1000 / 3.6::float8),
    ('other', 1, 'tce', 'kgce', 1000), ('other', 1, '万tce', 'tce', 10000)$$,
  'every unit converts by its definition');

-- Litres of liquid fuel and mass, through the shipped densities (diesel 0.83, gasoline 0.725 kg/L).
SELECT is(energy.convert_unit('diesel', 1000, 'L', 'kg'), 830::float8, 'diesel 1 000 L = 830 kg');
SELECT is(energy.convert_unit('diesel', 1, 'm³', 't'), 0.83::float8, 'diesel 1 m³ = 0.83 t');
SELECT is(energy.convert_unit('gasoline', 725, 'kg', 'L'), 1000::float8, 'gasoline 725 kg = 1 000 L');
SELECT is(energy.convert_unit('gasoline', 1, 't', 'L'), 1000 / 0.725::float8, 'gasoline 1 t = 1 000/0.725 L');
SELECT is(energy.convert_unit('diesel', 7, 'L', 'L'), 7::float8, 'same unit: unchanged');

-- Every spelling of every unit, by group (hand list; a new spelling needs a line here).
SELECT set_eq(
  $$SELECT unit_group, u FROM energy.units, unnest(aliases || unit) u$$,
  $$VALUES
   ('electricity','kWh'),('electricity','千瓦时'),('electricity','千瓦·时'),('electricity','度'),('electricity','kilowatthour'),
   ('electricity','MWh'),('electricity','兆瓦时'),('electricity','千千瓦时'),('electricity','megawatthour'),
   ('electricity','GWh'),('electricity','吉瓦时'),('electricity','百万千瓦时'),
   ('electricity','万kWh'),('electricity','万千瓦时'),('electricity','万度'),
   ('electricity','亿kWh'),('electricity','亿千瓦时'),('electricity','亿度'),
   ('mass','kg'),('mass','千克'),('mass','公斤'),('mass','kilogram'),
   ('mass','t'),('mass','吨'),('mass','tonne'),('mass','ton'),('mass','万t'),('mass','万吨'),
   ('liquid volume','L'),('liquid volume','升'),('liquid volume','litre'),('liquid volume','liter'),
   ('liquid volume','kL'),('liquid volume','千升'),
   ('liquid volume','m³'),('liquid volume','m3'),('liquid volume','立方米'),('liquid volume','方'),
   ('gas volume','m³'),('gas volume','m3'),('gas volume','Nm³'),('gas volume','Nm3'),('gas volume','立方米'),
   ('gas volume','标准立方米'),('gas volume','方'),
   ('gas volume','万m³'),('gas volume','万m3'),('gas volume','万Nm³'),('gas volume','万Nm3'),('gas volume','万立方米'),
   ('gas volume','万标准立方米'),('gas volume','万方'),
   ('gas volume','亿m³'),('gas volume','亿m3'),('gas volume','亿立方米'),('gas volume','亿方'),
   ('water volume','m³'),('water volume','m3'),('water volume','立方米'),('water volume','方'),('water volume','t'),('water volume','吨'),
   ('water volume','万m³'),('water volume','万m3'),('water volume','万立方米'),('water volume','万方'),('water volume','万t'),('water volume','万吨'),
   ('water volume','L'),('water volume','升'),
   ('heat','MJ'),('heat','兆焦'),('heat','兆焦耳'),('heat','GJ'),('heat','吉焦'),('heat','吉焦耳'),('heat','百万千焦'),
   ('heat','TJ'),('heat','太焦'),('heat','太焦耳'),('heat','kJ'),('heat','千焦'),('heat','千焦耳'),
   ('heat','kWh'),('heat','千瓦时'),('heat','MWh'),('heat','兆瓦时'),('heat','Gcal'),('heat','吉卡'),('heat','百万千卡'),
   ('standard coal','kgce'),('standard coal','千克标准煤'),('standard coal','千克标煤'),('standard coal','公斤标准煤'),
   ('standard coal','tce'),('standard coal','吨标准煤'),('standard coal','吨标煤'),
   ('standard coal','万tce'),('standard coal','万吨标准煤'),('standard coal','万吨标煤')$$,
  'the accepted unit spellings are exactly the documented ones');

-- Each accepted spelling names the unit it should (compare against the canonical name).
SELECT is_empty(
  $$SELECT g, u, a FROM (SELECT unit_group g, unit u, unnest(aliases) a FROM energy.units) s
     JOIN (VALUES ('electricity','electricity'),('mass','raw_coal'),('liquid volume','diesel'),
                  ('gas volume','natural_gas'),('water volume','water'),('heat','heat'),
                  ('standard coal','other')) c(g2, carrier) ON c.g2 = s.g
     WHERE energy.convert_unit(carrier::energy.carrier, 1, a, u) <> 1$$,
  'every alias converts 1:1 to its canonical unit');

-- Case, width and separators do not matter.
SELECT is(energy.convert_unit('electricity', 1, 'KWH', 'kWh'), 1::float8, 'KWH');
SELECT is(energy.convert_unit('electricity', 1, 'ｋＷｈ', 'kWh'), 1::float8, 'full-width ｋＷｈ');
SELECT is(energy.convert_unit('electricity', 1, 'kW·h', 'kWh'), 1::float8, 'kW·h');
SELECT is(energy.convert_unit('electricity', 1, ' 万 kWh ', 'kWh'), 10000::float8, 'spaces inside 万 kWh');
SELECT is(energy.convert_unit('natural_gas', 1, 'M^3', 'm³'), 1::float8, 'M^3');

-- Errors: a unit of another carrier, an unknown unit, missing units, NaN.
SELECT throws_ok($$SELECT energy.convert_unit('diesel', 1, 'kWh', 'kg')$$, '22023',
  'unit "kWh" does not fit carrier diesel', 'kWh is not a unit of diesel');
SELECT throws_ok($$SELECT energy.convert_unit('electricity', 1, 'kWh', 'm³')$$, '22023',
  'unit "m³" does not fit carrier electricity', 'm³ is not a unit of electricity');
SELECT throws_ok($$SELECT energy.convert_unit('water', 1, 'kg', 'm³')$$, '22023',
  'unit "kg" does not fit carrier water', 'water is not weighed in kg');
SELECT throws_ok($$SELECT energy.convert_unit('natural_gas', 1, 'furlong', 'm³')$$, '22023',
  'unknown unit "furlong" for carrier natural_gas', 'unknown unit');
SELECT throws_ok($$SELECT energy.convert_unit('natural_gas', 1, NULL, 'm³')$$, '22004',
  'energy.convert_unit needs both from_unit and to_unit', 'NULL unit');
SELECT throws_ok($$SELECT energy.convert_unit('natural_gas', 'NaN', 'm³', 'm³')$$, '22023',
  'amount must be a finite number, not NaN', 'NaN amount');
SELECT throws_ok($$SELECT energy.convert_unit('lpg', 1, 'L', 'kg', '2024-03-01')$$, '42704',
  'no density for lpg in factor set "gb2589" on 2024-03-01', 'no shipped LPG density');
SELECT throws_ok($$SELECT 'electrcity'::energy.carrier$$, '22P02',
  'invalid input syntax for type energy.carrier: "electrcity"', 'bad carrier text: 22P02');
SELECT throws_ok($$SELECT energy.convert_unit('柴 油 油', 1, 'kg', 't')$$, '22P02', NULL,
  'bad carrier argument: 22P02');
SELECT is(energy.convert_unit(NULL, 1, 'kg', 't'), NULL, 'NULL carrier gives NULL');
SELECT is(energy.convert_unit('coke', NULL, 'kg', 't'), NULL, 'NULL amount gives NULL');

SELECT * FROM finish();
ROLLBACK;
