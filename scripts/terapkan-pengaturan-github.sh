#!/bin/sh
# Terapkan pengaturan Kinerja Terbuka untuk GitHub Free lewat GitHub CLI (gh).
# Pemakaian:
#   sh scripts/terapkan-pengaturan-github.sh PEMILIK/REPO            # pengaturan
#   sh scripts/terapkan-pengaturan-github.sh PEMILIK/REPO undang BERKAS
#       (BERKAS: satu id angka akun GitHub per baris; paling banyak KINERJA_UNDANGAN_PER_HARI
#        undangan per jalan, bawaan 50; jalankan lagi keesokan harinya)
# Jalankan oleh pemilik organisasi setelah `gh auth login`. Aman dijalankan ulang.
# Tidak memakai fitur berbayar (ruleset, CODEOWNERS, environment, Pages repositori privat).
# Penjelasan setiap pengaturan: site/panduan/admin.md, bagian 1.
set -eu
repo="${1:?Pemakaian: sh scripts/terapkan-pengaturan-github.sh PEMILIK/REPO [undang BERKAS]}"
case "$repo" in */*) ;; *) echo "Tulis PEMILIK/REPO, misalnya batanghari/kinerja" >&2; exit 2 ;; esac
org="${repo%%/*}"
situs="$repo-situs"

if [ "${2:-}" = "undang" ]; then
  file="${3:?Pemakaian: ... PEMILIK/REPO undang BERKAS}"
  limit="${KINERJA_UNDANGAN_PER_HARI:-50}"
  members=$(gh api --paginate "orgs/$org/members?per_page=100" --jq '.[].id')
  pending=$(gh api --paginate "orgs/$org/invitations?per_page=100" --jq '.[].login')
  sent=0
  while IFS= read -r id || [ -n "$id" ]; do
    case "$id" in ''|'#'*) continue ;; *[!0-9]*) echo "Dilewati (bukan id angka): $id" >&2; continue ;; esac
    if printf '%s\n' "$members" | grep -qx "$id"; then continue; fi
    login=$(gh api "user/$id" --jq '.login')
    if printf '%s\n' "$pending" | grep -qix "$login"; then continue; fi
    if [ "$sent" -ge "$limit" ]; then
      echo "Batas $limit undangan tercapai; jalankan lagi besok untuk sisanya."
      exit 0
    fi
    gh api --method POST "orgs/$org/invitations" -F invitee_id="$id" -f role=direct_member > /dev/null
    sent=$((sent + 1))
    echo "Diundang: $login ($id)"
  done < "$file"
  echo "Selesai: $sent undangan dikirim."
  exit 0
fi

echo "1. Organisasi: izin dasar anggota hanya-baca, anggota tidak membuat repositori, fork privat diizinkan"
gh api --method PATCH "orgs/$org" -f default_repository_permission=read \
  -F members_can_create_repositories=false -F members_can_fork_private_repositories=true > /dev/null

echo "2. Repositori: fork diizinkan (pegawai yang fasih git); usulan fork melewati gerbang yang sama"
gh api --method PATCH "repos/$repo" -F allow_forking=true -F delete_branch_on_merge=false > /dev/null

echo "3. Workflow dari fork: hanya setelah disetujui, tanpa token tulis dan tanpa secret"
gh api --method PUT "repos/$repo/actions/permissions/fork-pr-workflows-private-repos" \
  -F run_workflows_from_fork_pull_requests=true -F send_write_tokens_to_workflows=false \
  -F send_secrets_and_variables=false -F require_approval_for_fork_pr_workflows=true > /dev/null

echo "4. Token Actions: hanya-baca, tidak boleh menyetujui pull request"
gh api --method PUT "repos/$repo/actions/permissions/workflow" \
  -f default_workflow_permissions=read -F can_approve_pull_request_reviews=false

echo "5. Repositori situs publik $situs (GitHub Pages dari cabang gh-pages)"
if ! gh api "repos/$situs" > /dev/null 2>&1; then
  gh repo create "$situs" --public --description "Situs publik Kinerja Terbuka (dibangun otomatis)" > /dev/null
fi
if gh api "repos/$situs/branches/gh-pages" > /dev/null 2>&1; then
  if gh api "repos/$situs/pages" > /dev/null 2>&1; then
    gh api --method PUT "repos/$situs/pages" -f build_type=legacy -f "source[branch]=gh-pages" -f "source[path]=/" > /dev/null
  else
    gh api --method POST "repos/$situs/pages" -f build_type=legacy -f "source[branch]=gh-pages" -f "source[path]=/" > /dev/null
  fi
else
  echo "   Cabang gh-pages belum ada: jalankan workflow \"Terbitkan situs\" sekali, lalu jalankan skrip ini lagi."
fi

echo "6. Label untuk formulir dan pengingat"
for label in formulir formulir-skp formulir-realisasi formulir-penilaian formulir-membaca formulir-putusan formulir-akun formulir-kalibrasi formulir-pengaduan keberatan pengingat; do
  gh label create "$label" --repo "$repo" --force > /dev/null
done

echo "7. GitHub App instansi: izin contents, pull requests, issues (tulis), tanpa workflows"
app=$(sed -n 's/^  login: *\([A-Za-z0-9-]*\)\[bot\].*/\1/p' organisation/instansi.yml 2> /dev/null | head -n 1)
if [ -z "$app" ]; then
  echo "   organisation/instansi.yml belum mencatat aplikasi_github; lihat Panduan admin." >&2
  exit 1
fi
perms=$(gh api "orgs/$org/installations" --jq ".installations[] | select(.app_slug == \"$app\") | .permissions | to_entries | map(\"\(.key)=\(.value)\") | sort | join(\" \")")
expected="contents=write issues=write metadata=read pull_requests=write"
if [ "$perms" != "$expected" ]; then
  echo "   Izin App $app: '${perms:-tidak terpasang}'; seharusnya '$expected'. Perbaiki di pengaturan App." >&2
  exit 1
fi
echo "Selesai. Runner self-hosted dan secret KINERJA_APP_CLIENT_ID / KINERJA_APP_KEY: lihat Panduan admin."
