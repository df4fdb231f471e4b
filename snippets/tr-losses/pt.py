import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

device = (
    torch.accelerator.current_accelerator()
    if torch.accelerator.is_available()
    else torch.device("cpu")
)
# The same seeded inputs in both files: every row below is compared with the TensorFlow
# file. PyTorch losses take (prediction, target); Keras losses take (y_true, y_pred).
rng = np.random.default_rng(0)
logits = torch.tensor(rng.standard_normal((4, 3)).astype(np.float32), device=device)
labels = torch.tensor([0, 2, 1, 2], device=device)
soft = torch.tensor(rng.dirichlet(np.ones(3), 4).astype(np.float32), device=device)
scores = torch.tensor(rng.standard_normal((4, 1)).astype(np.float32), device=device)
targets = torch.tensor([[1.0], [0.0], [1.0], [0.0]], device=device)
guess = torch.tensor(rng.standard_normal((4, 2)).astype(np.float32), device=device)
truth = torch.tensor(rng.standard_normal((4, 2)).astype(np.float32), device=device)

# cross_entropy: PyTorch takes logits; Keras expects probabilities unless
# from_logits=True.
cross_entropy = nn.CrossEntropyLoss()(logits, labels)
print(f"cross_entropy: {cross_entropy.item():.6f}")

# soft_targets: class probabilities as targets.
soft_targets = nn.CrossEntropyLoss()(logits, soft)
print(f"soft_targets: {soft_targets.item():.6f}")

# bce_logits: binary cross-entropy on raw scores.
bce_logits = nn.BCEWithLogitsLoss()(scores, targets)
print(f"bce_logits: {bce_logits.item():.6f}")

# bce: on probabilities; PyTorch clamps the log at -100, Keras clips p to [1e-7, 1 -
# 1e-7].
bce = nn.BCELoss()(torch.sigmoid(scores), targets)
zero = torch.tensor([0.0], device=device)
one = torch.tensor([1.0], device=device)
assert nn.BCELoss()(zero, one).item() == 100.0
print(f"bce: {bce.item():.6f}, loss of p=0 for y=1: {nn.BCELoss()(zero, one).item()}")

# mse: the mean over every element in both.
mse = nn.MSELoss()(guess, truth)
print(f"mse: {mse.item():.6f}")

# l1: the mean absolute error.
l1 = nn.L1Loss()(guess, truth)
print(f"l1: {l1.item():.6f}")

# huber: quadratic below delta, linear above.
huber = nn.HuberLoss(delta=0.5)(guess, truth)
print(f"huber: {huber.item():.6f}")

# smooth_l1: SmoothL1Loss(beta) is HuberLoss(delta=beta) divided by beta.
smooth_l1 = nn.SmoothL1Loss(beta=0.5)(guess, truth)
print(f"smooth_l1: {smooth_l1.item():.6f}")

# kl_div: PyTorch takes log-probabilities as input; reduction="batchmean" gives the true
# KL divergence (the default "mean" divides by the number of elements).
log_q = F.log_softmax(logits, dim=1)
kl_div = nn.KLDivLoss(reduction="batchmean")(log_q, soft)
assert abs(nn.KLDivLoss()(log_q, soft).item() * 3 - kl_div.item()) < 1e-6
print(f"kl_div: {kl_div.item():.6f}")

# nll: NLLLoss takes log-probabilities; Keras has no such loss.
log_probs = F.log_softmax(logits, dim=1)
nll = nn.NLLLoss()(log_probs, labels)
print(f"nll: {nll.item():.6f}")

# per_sample: one loss per sample instead of the mean.
per_sample = nn.CrossEntropyLoss(reduction="none")(logits, labels)
print(f"per_sample: {per_sample.tolist()}")

# label_smoothing: (1 - e) * one-hot + e / classes in both.
label_smoothing = nn.CrossEntropyLoss(label_smoothing=0.1)(logits, labels)
print(f"label_smoothing: {label_smoothing.item():.6f}")

# ignore_index: samples of one label leave the loss and its average.
assert nn.CrossEntropyLoss().ignore_index == -100
ignored = torch.tensor([0, 2, -100, 2], device=device)
ignore_index = nn.CrossEntropyLoss(ignore_index=-100)(logits, ignored)
kept = per_sample[[0, 1, 3]]  # The same labels as ignored, less the third.
assert abs(ignore_index.item() - kept.mean().item()) < 1e-6  # Over 3...
assert abs(ignore_index.item() - kept.sum().item() / 4) > 1e-3  # not 4.
print(f"ignore_index: {ignore_index.item():.6f}")

# cosine: PyTorch gives the similarity; Keras's cosine_similarity loss is its negative.
cosine = F.cosine_similarity(guess, truth, dim=1)
assert torch.allclose(F.cosine_similarity(truth, truth), torch.ones(4, device=device))
print(f"cosine: {cosine.tolist()}")

# class_weights: PyTorch divides by the sum of the samples' weights; Keras by the number
# of samples unless reduction="mean_with_sample_weight".
weights = torch.tensor([1.0, 2.0, 0.25], device=device)
class_weights = nn.CrossEntropyLoss(weight=weights)(logits, labels)
total = nn.CrossEntropyLoss(weight=weights, reduction="sum")(logits, labels)
by_count = total / len(labels)  # What Keras divides by without the reduction.
assert abs(by_count.item() - class_weights.item()) > 1e-3
print(f"class_weights: {class_weights.item():.6f}")
