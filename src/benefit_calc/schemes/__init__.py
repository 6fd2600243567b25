"""One module per scheme (AAP, dagpenger, tiltakspenger, uføretrygd, overgangsstønad, kvalifiseringsstønad,
bostøtte, sosialhjelp, barnetrygd and kontantstøtte in ``family``), wages and tax, and what every scheme gets from
the engine (``context``). A scheme reads rules and the case and returns payments; it never imports the engine."""
