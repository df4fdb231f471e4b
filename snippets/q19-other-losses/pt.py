import warnings

import numpy as np
import torch
from torch import nn

# The same numbers in both files: drawn with NumPy, then turned into tensors.
rng = np.random.default_rng(0)
prediction = torch.tensor(rng.normal(size=(8, 3)), dtype=torch.float32)
target = torch.tensor(rng.normal(size=(8, 3)), dtype=torch.float32)
binary_logits = torch.tensor(rng.normal(size=8), dtype=torch.float32)
binary_targets = torch.tensor(rng.integers(0, 2, size=8), dtype=torch.float32)
p = torch.softmax(torch.tensor(rng.normal(size=(8, 5)), dtype=torch.float32), dim=1)
q = torch.softmax(torch.tensor(rng.normal(size=(8, 5)), dtype=torch.float32), dim=1)

# Every loss takes the prediction first and the target second.
mse = nn.MSELoss()(prediction, target)
mae = nn.L1Loss()(prediction, target)
huber = nn.HuberLoss(delta=1.0)(prediction, target)
binary_cross_entropy = nn.BCEWithLogitsLoss()(binary_logits, binary_targets)

# KLDivLoss(input, target) wants LOG-probabilities as input, for KL(target || input).
# Its default reduction="mean" averages over all 8 x 5 elements, not over the 8 samples:
# "batchmean" gives the KL divergence per sample.
kl_divergence = nn.KLDivLoss(reduction="batchmean")(q.log(), p)
kl_by_hand = (p * (p.log() - q.log())).sum(dim=1).mean()
assert torch.isclose(kl_divergence, kl_by_hand)  # proof: kl-per-sample
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    kl_default = nn.KLDivLoss()(q.log(), p)
print(
    f"KLDivLoss default reduction: {kl_default:.6f} = batchmean / 5, warnings: "
    f"{len(caught)}"
)
assert torch.isclose(kl_default * 5, kl_divergence)  # proof: kl-default
assert len(caught) == 1 and "batchmean" in str(caught[0].message)  # proof: kl-warning

losses = {
    "mse": mse.item(),
    "mae": mae.item(),
    "huber": huber.item(),
    "binary_cross_entropy": binary_cross_entropy.item(),
    "kl_divergence": kl_divergence.item(),
}
loss_table = {"loss": list(losses), "value": list(losses.values())}
for name, value in losses.items():
    print(f"{name}: {value:.6f}")
prediction_np, target_np = prediction.numpy(), target.numpy()
binary_logits_np, binary_targets_np = binary_logits.numpy(), binary_targets.numpy()
# The textbook formulas in NumPy, on the same numbers, give every value.
d = np.abs(prediction_np - target_np)
z = binary_logits_np
by_hand = {
    "mse": np.mean(d**2),
    "mae": np.mean(d),
    "huber": np.mean(np.where(d <= 1.0, 0.5 * d**2, d - 0.5)),
    "binary_cross_entropy": np.mean(
        np.maximum(z, 0) - z * binary_targets_np + np.log1p(np.exp(-np.abs(z)))
    ),
    "kl_divergence": float(kl_by_hand),
}
# proof: values
assert all(np.isclose(losses[name], by_hand[name], rtol=1e-5) for name in losses)
