"""The steps of the public projection, one small module each, in the order
kinerja.publish.projection.project() runs them:

    context  – what every step reads (records, policy, who heads which unit)
    units    – the unit tree, years, periods and the rule tables per year
    goals    – sasaran per unit and year
    plans    – which plans and person pages are public, their RHK, IKI and realisasi
    groups   – predikat distributions (suppressed below the policy's minimum) and totals
    history  – latest changes, "diperbarui", target changes after approval
    redact   – NIP-shaped text out of every public string (the second line of defence)

Each step reads records and earlier steps' public records and returns public records; none
imports a page module, and nothing here imports kinerja.publish.projection.
"""
