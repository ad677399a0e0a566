#!/bin/sh
# Terapkan pengaturan repositori Kinerja Terbuka lewat GitHub CLI (gh).
# Pemakaian: sh scripts/terapkan-pengaturan-github.sh PEMILIK/REPO
# Jalankan oleh pemilik organisasi setelah `gh auth login`. Aman dijalankan ulang.
# Penjelasan setiap pengaturan: site/panduan/admin.md.
set -eu
repo="${1:?Pemakaian: sh scripts/terapkan-pengaturan-github.sh PEMILIK/REPO}"
case "$repo" in */*) ;; *) echo "Tulis PEMILIK/REPO, misalnya batanghari/kinerja" >&2; exit 2 ;; esac

echo "1. Izin token Actions: hanya-baca, tidak boleh menyetujui pull request"
gh api --method PUT "repos/$repo/actions/permissions/workflow" \
  -f default_workflow_permissions=read -F can_approve_pull_request_reviews=false

echo "2. Ruleset cabang main"
ruleset=$(cat <<'JSON'
{
  "name": "Kinerja Terbuka: main",
  "target": "branch",
  "enforcement": "active",
  "conditions": {"ref_name": {"include": ["~DEFAULT_BRANCH"], "exclude": []}},
  "rules": [
    {"type": "deletion"},
    {"type": "non_fast_forward"},
    {"type": "pull_request", "parameters": {
      "required_approving_review_count": 1,
      "dismiss_stale_reviews_on_push": true,
      "require_code_owner_review": true,
      "require_last_push_approval": true,
      "required_review_thread_resolution": false}},
    {"type": "required_status_checks", "parameters": {
      "strict_required_status_checks_policy": true,
      "required_status_checks": [{"context": "Periksa usulan"}]}}
  ]
}
JSON
)
existing=$(gh api "repos/$repo/rulesets" --jq '.[] | select(.name == "Kinerja Terbuka: main") | .id' | head -n 1)
if [ -n "$existing" ]; then
  printf '%s' "$ruleset" | gh api --method PUT "repos/$repo/rulesets/$existing" --input - > /dev/null
else
  printf '%s' "$ruleset" | gh api --method POST "repos/$repo/rulesets" --input - > /dev/null
fi

echo "3. GitHub Pages dari GitHub Actions"
if gh api "repos/$repo/pages" > /dev/null 2>&1; then
  gh api --method PUT "repos/$repo/pages" -f build_type=workflow > /dev/null
else
  gh api --method POST "repos/$repo/pages" -f build_type=workflow > /dev/null
fi
gh api --method PUT "repos/$repo/environments/github-pages" --input - > /dev/null <<'JSON'
{"deployment_branch_policy": {"protected_branches": false, "custom_branch_policies": true}}
JSON
gh api --method POST "repos/$repo/environments/github-pages/deployment-branch-policies" \
  -f name=main -f type=branch > /dev/null 2>&1 || true

echo "4. Label untuk formulir dan pengingat"
for label in formulir formulir-skp formulir-realisasi keberatan pengingat; do
  gh label create "$label" --repo "$repo" --force > /dev/null
done
echo "Selesai. Periksa hasilnya di Settings > Rules, Settings > Pages dan Settings > Actions."
